import { ConflictException, Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class RequestService {
  constructor(private readonly prisma: PrismaService) {}

  // the outer catch throws the same exception on: Nest sends its text
  async moveRequest(id: string, orderIndex: number) {
    try {
      await this.prisma.$transaction(async (tx) => {
        try {
          await tx.request.update({ where: { id }, data: { orderIndex } });
        } catch (error) {
          console.error(error);
          throw new ConflictException('Conflict'); // expect: error-details-in-response
        }
      });
    } catch (error) {
      console.error('Error from RequestService.moveRequest', error);
      throw error;
    }
  }

  // a callback stored for later does not throw where it is written
  schedule(id: string) {
    try {
      const job = async () => {
        try {
          await this.prisma.request.delete({ where: { id } });
        } catch (error) {
          console.error(error);
          throw new ConflictException('Conflict'); // expect: error-details-in-response
        }
      };
      return job;
    } catch (error) {
      return null;
    }
  }
}
