// shipguard-test: no-findings
import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';

@Controller('auth')
export class AuthController {
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 5, ttl: 60_000 } })
  @Post('email/login')
  login(@Body() dto: { email: string }) {
    return dto;
  }

  @UseGuards(ThrottlerGuard)
  @Post('forgot/password')
  forgotPassword(@Body() dto: { email: string }) {
    return dto;
  }
}
