import { describe, expect, it } from "vitest";
import { renderEmail } from "./layout";

const base = {
  lang: "es",
  subject: "Tu conexión <termina> pronto",
  paragraphs: ["Hola & bienvenido.", "Segundo párrafo."],
  button: { label: "Reconectar", url: "https://portal.example.org/connect?healthSystem=abc&x=1" },
  footer: ["Equipo del estudio: study@example.org"],
  footerLink: { label: "Dejar de recibir recordatorios", url: "https://portal.example.org/unsubscribe?p=1&s=2" },
  copyHint: "Si el botón no funciona, abre esta dirección:",
};

describe("renderEmail", () => {
  it("writes the text version: paragraphs, the button's address written out, then the footer", () => {
    const { text } = renderEmail(base);
    expect(text).toBe(
      [
        "Hola & bienvenido.",
        "Segundo párrafo.",
        "Reconectar:\nhttps://portal.example.org/connect?healthSystem=abc&x=1",
        "--",
        "Equipo del estudio: study@example.org",
        "Dejar de recibir recordatorios: https://portal.example.org/unsubscribe?p=1&s=2",
      ].join("\n\n"),
    );
  });

  it("writes accessible HTML: the language, a title and heading, escaped text, a real link as the button", () => {
    const { html } = renderEmail(base);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("<title>Tu conexión &lt;termina&gt; pronto</title>");
    expect(html).toMatch(/<h1[^>]*>Tu conexión &lt;termina&gt; pronto<\/h1>/);
    expect(html).toContain(">Hola &amp; bienvenido.</p>");
    expect(html).toMatch(/<a href="https:\/\/portal\.example\.org\/connect\?healthSystem=abc&amp;x=1"[^>]*>Reconectar<\/a>/);
    expect(html).toContain("Si el botón no funciona, abre esta dirección:");
    expect(html).toMatch(/<a href="https:\/\/portal\.example\.org\/unsubscribe\?p=1&amp;s=2"[^>]*>Dejar de recibir recordatorios<\/a>/);
    expect(html).not.toMatch(/<script|<img/);
  });

  it("leaves out what is not given", () => {
    const { text, html } = renderEmail({ lang: "en", subject: "Hi", paragraphs: ["Only this."] });
    expect(text).toBe("Only this.");
    expect(html).not.toContain("<a ");
    expect(html).not.toContain("<hr");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => renderEmail({ ...base, button: { label: "x", url: "javascript:alert(1)" } })).toThrow(/http\(s\)/);
    expect(() => renderEmail({ ...base, footerLink: { label: "x", url: "not a url" } })).toThrow(/http\(s\)/);
  });

  it("writes the words under the button in the email's language when none are given (the catalogues' emailLayout.copyHint)", () => {
    const button = { label: "x", url: "https://portal.example.org/me" };
    expect(renderEmail({ lang: "es", subject: "s", paragraphs: [], button }).html).toContain("Si el botón no funciona, copie esta dirección en su navegador:");
    expect(renderEmail({ lang: "en", subject: "s", paragraphs: [], button }).html).toContain("If the button does not work, copy this address into your browser:");
    expect(renderEmail({ lang: "fr", subject: "s", paragraphs: [], button }).html).toContain("If the button does not work");
  });
});
