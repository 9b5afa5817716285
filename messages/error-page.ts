/**
 * The error page's words in each language, in a file of their own: the catalogues (en.ts, es.ts,
 * group "error") take them from here, and app/global-error.tsx, a client component that cannot
 * know the request's language, shows both without shipping the whole catalogues to the browser.
 */
export const errorPageWords = {
  en: {
    heading: "Something went wrong",
    body: "We could not show this page. Nothing you shared has been lost. Please try again in a moment.",
    tryAgain: "Try again",
    home: "Go to the start page",
  },
  es: {
    heading: "Algo salió mal",
    body: "No pudimos mostrar esta página. No se ha perdido nada de lo que usted compartió. Inténtelo de nuevo en un momento.",
    tryAgain: "Intentar de nuevo",
    home: "Ir a la página de inicio",
  },
};
