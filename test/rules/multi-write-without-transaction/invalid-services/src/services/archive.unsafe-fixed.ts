import { prisma } from "../db";

export async function archiveProject(projectId: string) { // expect: multi-write-without-transaction
  const tasks = await prisma.task.findMany({ where: { projectId } });
  await prisma.$transaction(async (tx) => {
    for (const task of tasks) {
      await tx.task.update({ where: { id: task.id }, data: { archived: true } });
    }
  });
  console.log("archived", tasks.length, "tasks");
}
