// shipguard-test: no-findings
// One write repeated over independent rows: a failure half-way leaves some archived, and a
// re-run archives the rest; nothing else depends on them being written together.
import { prisma } from "@/lib/prisma";

export async function archiveProject(projectId: string) {
  const tasks = await prisma.task.findMany({ where: { projectId } });
  for (const task of tasks) {
    await prisma.task.update({ where: { id: task.id }, data: { archived: true } });
  }
  console.log("archived", tasks.length, "tasks");
}
