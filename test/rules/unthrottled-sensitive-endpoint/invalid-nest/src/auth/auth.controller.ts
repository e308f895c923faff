import { Body, Controller, HttpCode, HttpStatus, Post, Get, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AuthService } from './auth.service';

@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly service: AuthService) {}

  @Post('email/login')
  @HttpCode(HttpStatus.OK)
  public login(@Body() dto: { email: string; password: string }) { // expect: unthrottled-sensitive-endpoint
    return this.service.validateLogin(dto);
  }

  @Post('email/register')
  async register(@Body() dto: { email: string }): Promise<void> { // expect: unthrottled-sensitive-endpoint
    return this.service.register(dto);
  }

  @Post('forgot/password')
  async forgotPassword(@Body() dto: { email: string }): Promise<void> { // expect: unthrottled-sensitive-endpoint
    return this.service.forgotPassword(dto.email);
  }

  // a read: nothing to hammer
  @Get('me')
  @UseGuards(AuthGuard('jwt'))
  public me() {
    return {};
  }

  // behind authentication: changing one's own password is not where credentials are guessed
  @Post('password')
  @UseGuards(AuthGuard('jwt'))
  public changePassword(@Body() dto: { password: string }) {
    return this.service.update(dto);
  }
}
