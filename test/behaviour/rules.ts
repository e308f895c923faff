/** The locking-family rules exercised by the behaviour suite. */
import type { Rule } from '../../server/src/engine/types';
import raceReadCheckWrite from '../../server/src/rules/race-read-check-write';
import lostUpdateIncrement from '../../server/src/rules/lost-update-increment';
import checkThenCreate from '../../server/src/rules/check-then-create';
import selectForUpdateOutsideAtomic from '../../server/src/rules/select-for-update-outside-atomic';
import jsonFileRace from '../../server/src/rules/json-file-race';
import jwtUnverified from '../../server/src/rules/jwt-unverified';

export const LOCKING_RULES: readonly Rule[] = [raceReadCheckWrite, lostUpdateIncrement, checkThenCreate, selectForUpdateOutsideAtomic, jsonFileRace, jwtUnverified];
