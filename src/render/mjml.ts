/** HTML compiled from MJML, or what is wrong with the MJML. */
export interface MjmlResult {
  html: string;
  errors: { message: string; line?: number | undefined }[];
}

export type MjmlCompiler = (mjml: string) => Promise<MjmlResult>;

/** MJML's own compiler, loaded on first use: its import alone takes about half a second. */
export const mjmlCompiler: MjmlCompiler = async (mjml) => {
  const { default: mjml2html } = await import('mjml');
  const result = await mjml2html(mjml, {
    validationLevel: 'strict',
    fonts: {},
    minify: true,
    minifyOptions: { minifyCss: false },
    keepComments: false,
  });
  return {
    html: result.html,
    errors: result.errors.map((e) => ({ message: e.formattedMessage, line: e.line })),
  };
};
