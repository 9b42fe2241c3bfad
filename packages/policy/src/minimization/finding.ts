/** One sensitive value found in a text. Offsets index the ORIGINAL text in UTF-16 code units. */
export interface Finding {
  /** Placeholder label of the data class, e.g. `EMAIL`, `CREDIT_CARD`. */
  type: string;
  /** Dotted data class, e.g. `pii.email`, `secret.api_key`. */
  dataClass: string;
  /** First code unit of the value. */
  start: number;
  /** One past the last code unit of the value. */
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
  /** Name of the recognizer that found it. */
  recognizer: string;
}
