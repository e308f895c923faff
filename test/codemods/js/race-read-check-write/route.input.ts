import { PrismaClient } from "@prisma/client";

const db = new PrismaClient();

export async function buy(eventId: string, quantity: number): Promise<boolean> {
    if (quantity <= 0) return false;
    const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    if (event.sold + quantity > event.capacity) {
        return false;
    }
    await db.event.update({ where: { id: eventId }, data: { sold: event.sold + quantity } });
    return true;
}
