// shipguard-test: no-findings
import { Body, Controller, Post } from '@nestjs/common';

// ThrottlerGuard is the APP_GUARD of app.module.ts: every route is throttled
@Controller('auth')
export class AuthController {
  @Post('login')
  login(@Body() dto: { email: string }) {
    return dto;
  }

  @Post('reset-password')
  resetPassword(@Body() dto: { token: string }) {
    return dto;
  }
}
