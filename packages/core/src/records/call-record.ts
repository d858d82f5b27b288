import { z } from 'zod';
import { CallIdSchema, PersonIdSchema } from '../ids';
import { longText, shortText } from './text';
import { ZonedDateTimeSchema } from './zoned-time';

export const CALL_RECORD_SCHEMA_VERSION: 1 = 1;

/** One call received, answered or not ("write down details of calls, even unanswered"). */
export const CallRecordSchema = z
  .strictObject({
    schema: z.literal(CALL_RECORD_SCHEMA_VERSION),
    id: CallIdSchema,
    time: ZonedDateTimeSchema,
    /** The number shown, as the phone showed it. Absent when withheld. */
    number: shortText.optional(),
    withheld: z.boolean(),
    answered: z.boolean(),
    durationSeconds: z
      .number()
      .int('Enter the length of the call in whole seconds.')
      .min(0, 'The length of a call cannot be negative.')
      .max(7 * 24 * 3600, 'That call is longer than a week; check the length.')
      .optional(),
    whatWasSaid: longText.optional(),
    personId: PersonIdSchema.optional(),
  })
  .superRefine((call, ctx) => {
    const hasNumber = call.number !== undefined && call.number.trim().length > 0;
    if (call.withheld && hasNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: 'A withheld call has no number. Remove the number or untick "withheld".',
      });
    }
    if (!call.withheld && !hasNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: 'Enter the number that called, or mark the call as withheld.',
      });
    }
  });

export type CallRecord = z.infer<typeof CallRecordSchema>;
