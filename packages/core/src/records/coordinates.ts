import { z } from 'zod';

/** A point on Earth in WGS 84 decimal degrees. */
export const CoordinatesSchema = z.strictObject({
  lat: z
    .number()
    .min(-90, 'Latitude must be between -90 and 90.')
    .max(90, 'Latitude must be between -90 and 90.'),
  lng: z
    .number()
    .min(-180, 'Longitude must be between -180 and 180.')
    .max(180, 'Longitude must be between -180 and 180.'),
});
export type Coordinates = z.infer<typeof CoordinatesSchema>;
