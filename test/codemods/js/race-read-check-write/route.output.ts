import { PrismaClient } from "@prisma/client";

const db = new PrismaClient();

export async function buy(eventId: string, quantity: number): Promise<boolean> {
    if (quantity <= 0) return false;
    return await db.$transaction(async (tx) => {
        const event = await tx.event.findUniqueOrThrow({ where: { id: eventId } });
        if (event.sold + quantity > event.capacity) {
            return false;
        }
        await tx.event.update({ where: { id: eventId }, data: { sold: event.sold + quantity } });
        return true;
    }, { isolationLevel: "Serializable" });
}
