const MiB = 1024 * 1024;
/** At most this many progress reports for one file (each one re-renders its progress bar). */
const PROGRESS_STEPS = 200;

/**
 * An `onProgress` for a file of `size` bytes that passes on at most PROGRESS_STEPS reports
 * (one every MiB at least), and always the last one.
 */
export function sparseProgress(size: number, report: (done: number) => void) {
  const step = Math.max(MiB, size / PROGRESS_STEPS);
  let reported = 0;
  return (done: number) => {
    if (done - reported >= step || done === size) {
      reported = done;
      report(done);
    }
  };
}
