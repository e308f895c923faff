import { Body, Controller, Post } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';

@SkipThrottle()
@Controller('otp')
export class OtpController {
  // the global ThrottlerGuard is skipped for the whole controller
  @Post('send')
  send(@Body() dto: { phone: string }) { // expect: unthrottled-sensitive-endpoint
    return dto;
  }
}
