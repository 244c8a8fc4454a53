import { formatProblem, type Location } from './errors.ts';

/** Something worth telling the user that does not stop the build. */
export interface Warning {
  message: string;
  location?: Location | undefined;
}

export function formatWarning(warning: Warning): string {
  return formatProblem(warning.location, warning.message);
}
