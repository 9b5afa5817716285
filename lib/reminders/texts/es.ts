import type { ReminderTexts } from "./types";

export const es: ReminderTexts = {
  dateLocale: "es",
  endingSoon: (f) => ({
    subject: `Su permiso para compartir con ${f.studyName} termina el ${f.endsOn}`,
    paragraphs: [
      `Hola:`,
      `${f.healthSystemName} nos informó que su permiso para compartir sus registros de salud con ${f.studyName} termina el ${f.endsOn} (${f.daysLeft === 1 ? "en 1 día" : `en ${f.daysLeft} días`}).`,
      `Si desea seguir compartiendo, vuelva a conectar ${f.healthSystemName}. Toma un minuto: inicia sesión en ${f.healthSystemName} y lo aprueba de nuevo.`,
      `Si no hace nada, se deja de compartir en esa fecha. Nada más cambia.`,
    ],
    button: `Volver a conectar ${f.healthSystemName}`,
  }),
  needsReconnect: (f) => ({
    subject: `Vuelva a conectar ${f.healthSystemName} para seguir compartiendo con ${f.studyName}`,
    paragraphs: [
      `Hola:`,
      `${f.studyName} ya no puede recibir sus registros de salud de ${f.healthSystemName}. Esto pasa cuando el permiso termina o se cambia en ${f.healthSystemName}.`,
      `Si desea seguir compartiendo, vuelva a conectar ${f.healthSystemName}: inicia sesión allí y lo aprueba de nuevo.`,
    ],
    button: `Volver a conectar ${f.healthSystemName}`,
  }),
  footer: (f) => [`Recibe este correo porque participa en ${f.studyName}.`, `¿Preguntas? Comuníquese con el equipo del estudio: ${f.contact}`],
  unsubscribeLink: "Dejar de recibir estos recordatorios",
  page: {
    title: "Dejar de recibir recordatorios",
    intro: "Pulse el botón para dejar de recibir recordatorios sobre compartir sus registros de salud. Sigue participando en el estudio.",
    button: "Dejar de recibir recordatorios",
    done: "Listo. No recibirá más recordatorios por correo.",
    invalid: "Este enlace no es válido. Use el enlace del correo tal como se envió, o comuníquese con el equipo del estudio.",
    accountEmailsStill: "Seguirá recibiendo los correos que usted pida, como los enlaces para iniciar sesión.",
  },
};
