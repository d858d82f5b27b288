/**
 * What extraction tells the victim about a file, in plain UK English. Shown beside the item;
 * exported so the app and tests refer to one wording.
 */
export const NOTES = {
  noCameraInfo:
    'This file has no camera information, which is usual for screenshots and files sent through messaging apps.',
  unreadableKind: 'Casebook cannot read camera information from this kind of file.',
  damagedCameraInfo:
    'Some of the camera information in this file could not be read. The file itself is kept exactly as it is.',
  emptyFile: 'This file is empty.',
  noCameraTime: 'The camera information in this file has no date or time.',
  blankCameraTime:
    'The date and time in the camera information are blank or unreadable, so they were not used.',
  badOffset: 'The time zone offset in the camera information is unreadable, so it was not used.',
  unreadableGps:
    'This file has a location section, but no location could be read from it, so none was recorded.',
  nullIslandGps:
    'The location in this file is 0°, 0°, which devices write when they have no fix, so it was not used.',
  timeFromCamera: 'The time taken is the camera clock, exactly as the device wrote it.',
  timeFromCameraNoOffset:
    'The time taken is the camera clock, exactly as the device wrote it. The file does not say which time zone the clock was set to.',
  timeFromFileName:
    'The time was read from the file name. It is usually the phone’s local time when the file was saved or received.',
  dateFromFileName:
    'Only the date could be read from the file name; it is usually the day the file was sent or received.',
  timeFromLastModified:
    'The time is when the file was last changed on the device. It may be later than when it was taken.',
  badLastModified: 'The file’s last-changed time is unreadable, so it was not used.',
  noTime: 'No date or time could be found in this file or its name.',
} as const;

export type Note = (typeof NOTES)[keyof typeof NOTES];
