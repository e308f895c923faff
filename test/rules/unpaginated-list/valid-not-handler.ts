// shipguard-test: no-findings
import { prisma } from './db';

export async function nightlyExport() {
  const rows = await prisma.order.findMany({ where: { exported: false } });
  return rows.length;
}
