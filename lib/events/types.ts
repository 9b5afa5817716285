/**
 * The events the portal sends to study systems (webhooks), and what each carries: ids only —
 * never a name, a date of birth, a token or any health data.
 */
export const EVENT_TYPES = ["connection.created", "connection.needs_reconnect", "record.synced", "participant.withdrew"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  "connection.created": "A participant connected a health system (or reconnected one).",
  "connection.needs_reconnect": "A connection stopped working and needs the participant to reconnect.",
  "record.synced": "A connection's record was synced from its health system.",
  "participant.withdrew": "A participant withdrew from the study.",
};

export const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value);

/** The ids an event names. */
export type EventData = { participantId: string; connectionId?: string; healthSystemId?: string; returning?: boolean };

export type EventBody = { id: string; type: EventType; created: string; data: EventData };
