import { Module } from '@nestjs/common';
import { ChangeBusModule } from '@phonetrust/platform';
import { NumberStateModule } from '@phonetrust/scoring';
import { VerificationModule } from '@phonetrust/verification';
import { DisplayService } from './display.service';

@Module({ imports: [ChangeBusModule, NumberStateModule, VerificationModule], providers: [DisplayService], exports: [DisplayService] })
export class DisplayModule {}
