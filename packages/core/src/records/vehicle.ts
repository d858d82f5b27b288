import { z } from 'zod';
import { shortText } from './text';

/** A vehicle as the victim saw it; any part may be unknown. */
export const VehicleSchema = z.strictObject({
  make: shortText.optional(),
  model: shortText.optional(),
  colour: shortText.optional(),
  /** Number plate as written down, even if partial ("starts ZQ6"). */
  plate: shortText.optional(),
});
export type Vehicle = z.infer<typeof VehicleSchema>;
