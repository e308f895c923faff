// shipguard-test: no-findings
import { ConflictException, Injectable } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class CollectionService {
  constructor(private readonly prisma: PrismaService) {}

  // the exception only rolls the transaction back: the outer catch answers a fixed error
  async importCollections(teamID: string, rows: { title: string }[]) {
    try {
      await this.prisma.$transaction(async (tx) => {
        try {
          await Promise.all(rows.map((r) => tx.collection.create({ data: { ...r, teamID } })));
        } catch (error) {
          throw new ConflictException(error);
        }
      });
    } catch (error) {
      console.error('Error from CollectionService.importCollections', error);
      return E.left('collection/creation_failed');
    }
    return E.right(true);
  }

  async moveRequest(id: string, orderIndex: number) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.prisma.$transaction(async (tx) => {
          try {
            await tx.request.update({ where: { id }, data: { orderIndex } });
          } catch (error) {
            throw new ConflictException(error);
          }
        });
        return E.right(true);
      } catch (error) {
        if (attempt === 2) return E.left('request/reorder_failed');
      }
    }
    return E.left('request/reorder_failed');
  }
}
