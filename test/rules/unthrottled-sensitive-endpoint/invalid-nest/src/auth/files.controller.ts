import { Controller, Post, UseGuards, UploadedFile } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

// one account can fill the storage: an upload needs a limit even behind authentication
@UseGuards(AuthGuard('jwt'))
@Controller('files')
export class FilesController {
  @Post('upload')
  async uploadFile(@UploadedFile() file: unknown) { // expect: unthrottled-sensitive-endpoint
    return file;
  }
}
