// shipguard-test: no-findings
import { Body, Controller, Get, Post } from '@nestjs/common';
import { UseGuards } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ThrottlerBehindProxyGuard } from './throttler-behind-proxy.guard';

// the project's own guard extending ThrottlerGuard, on the class
@UseGuards(ThrottlerBehindProxyGuard)
@Controller({ path: 'magic', version: '1' })
export class MagicController {
  @Post('signin')
  signIn(@Body() dto: { email: string }) {
    return dto;
  }

  @Post('verify')
  verify(@Body() dto: { token: string }) {
    return dto;
  }

  // skipped, but a GET redirect of the provider creates nothing
  @Get('google/callback')
  @SkipThrottle()
  callback() {
    return {};
  }
}
