/** HTML compiled from MJML, or what is wrong with the MJML. */
export interface MjmlResult {
  html: string;
  errors: { message: string; line?: number | undefined }[];
}

export type MjmlCompiler = (mjml: string) => Promise<MjmlResult>;

/** What MJML's validator says of one element. */
interface MjmlError {
  message: string;
  tagName?: string | undefined;
  line?: number | undefined;
}

/**
 * MJML's own compiler, loaded on first use: its import alone takes about half a second. In
 * strict validation, MJML throws its validator's errors; they come back as the result's.
 */
export const mjmlCompiler: MjmlCompiler = async (mjml) => {
  const { default: mjml2html } = await import('mjml');
  let result: { html: string; errors: MjmlError[] };
  try {
    result = await mjml2html(mjml, {
      validationLevel: 'strict',
      fonts: {},
      minify: true,
      minifyOptions: { minifyCss: false },
      keepComments: false,
    });
  } catch (error) {
    const errors = (error as { errors?: MjmlError[] }).errors;
    if (!Array.isArray(errors) || errors.length === 0) throw error;
    result = { html: '', errors };
  }
  return {
    html: result.html,
    errors: result.errors.map((e) => ({
      message: e.tagName ? `${e.tagName}: ${e.message}` : e.message,
      line: e.line,
    })),
  };
};
