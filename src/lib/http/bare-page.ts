/**
 * The smallest valid page a function can answer with when the site's own page is not at hand
 * (no template bundled, a configuration that failed): `noindex`, no styles, no scripts. `title`
 * and `main` are HTML the caller has already escaped.
 */
export const barePage = (lang: string, title: string, main: string) => `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${title}</title>
  </head>
  <body>
    <main>
${main}
    </main>
  </body>
</html>
`;
