// shipguard-test: no-findings
import { prisma } from "./prisma";

// a helper taking the transaction client: its caller opens the transaction
async function copyLines(orderId: string, lines: Array<{ productId: string }>) {
  await prisma.orderLine.create({ data: { orderId, productId: lines[0].productId } });
  await prisma.orderLine.create({ data: { orderId, productId: lines[1].productId } });
}

export { copyLines };
