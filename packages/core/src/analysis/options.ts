/** The two things the analysis needs from outside: the present moment and the user's zone. */
export interface AnalysisOptions {
  /** The present moment; windows such as "the last four weeks" end on its local date. */
  readonly now: Date;
  /** The user's IANA zone, used only to find the local date of `now`. */
  readonly zone: string;
}
