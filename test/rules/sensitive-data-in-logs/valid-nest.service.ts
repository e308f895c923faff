// shipguard-test: no-findings
import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';

interface LoginDto {
  email: string;
  password: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  async validate(dto: LoginDto) {
    const user = await this.findUser(dto.email);
    if (!user) {
      this.logger.warn(`no user for ${dto.email.replace(/(.).*@/, '$1***@')}`);
      throw new UnauthorizedException();
    }
    this.logger.log(`user ${user.id} authenticated, password length ok: ${dto.password.length >= 8}`);
    return user;
  }

  async issueToken(userId: string) {
    const accessToken = `at_${userId}`;
    this.logger.log(`issued token for ${userId}, tokenType=bearer, length=${accessToken.length}`);
    this.logger.debug({ userId, tokenIssued: true, expiresIn: 900 });
    return { accessToken };
  }

  private async findUser(email: string): Promise<{ id: string } | null> {
    return email ? { id: 'u_1' } : null;
  }
}
