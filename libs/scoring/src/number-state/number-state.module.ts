import { Module } from '@nestjs/common';
import { NumberStateReader } from './number-state.reader';

/** The read side of number states, for other modules; it depends on nothing of theirs. */
@Module({ providers: [NumberStateReader], exports: [NumberStateReader] })
export class NumberStateModule {}
