// shipguard-test: no-findings
import { prisma } from "../../lib/prisma";

it("creates lines", async () => {
  const order = await prisma.order.create({ data: { userId: "u1" } });
  await prisma.orderLine.create({ data: { orderId: order.id, productId: "p1" } });
  await prisma.orderLine.create({ data: { orderId: order.id, productId: "p2" } });
});
