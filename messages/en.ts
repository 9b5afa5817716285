/**
 * Every word participants read, in English: the source catalogue. messages/es.ts must have the
 * same keys (TypeScript and test/i18n/catalogues.test.ts check it). Messages use ICU syntax
 * (https://formatjs.io/docs/core-concepts/icu-syntax): {name} for values, plural for counts.
 * Group keys by page or component; add a group for a new page rather than reusing another's.
 */
export const en = {
  common: {
    brand: "Research enrollment",
    skipToContent: "Skip to main content",
    mainNav: "Main",
    myConnection: "My connection",
    staffSignIn: "Study staff sign in",
    languageLabel: "Language",
    notYet: "Not yet",
    defaultTitle: "Share your health record for research",
    titleTemplate: "%s · Research enrollment",
    description: "Connect your health record to a research study, with your consent.",
  },
  landing: {
    heading: "Share your health record with our research study",
    intro:
      "Doctors and researchers learn more when people share their health records. You can help by connecting your record from your health system. It takes about five minutes.",
    whatTitle: "What is shared",
    whatDetails: "Your basic details: name, birth date, gender and address.",
    whatHealth: "Health information you choose to allow, such as test results, conditions, allergies, medicines and vaccines.",
    whyTitle: "Why we ask",
    why: "Your record helps the study understand health over time without extra visits or forms. You can stop sharing whenever you like.",
    howTitle: "How it works",
    howConsent: "Read and agree to the study's consent.",
    howChoose: "Choose your health system.",
    howApprove: "Sign in there and approve sharing.",
    start: "Connect your health record",
  },
  consent: {
    title: "Study consent",
    step: "Step 1 of 3 · {study}",
    errorAgree: "Please tick the box to say you agree, or close this page if you do not want to take part.",
    errorConsent: "Please read and agree to the consent first. It is needed before connecting.",
    version: "Consent version {version}",
    agree: "I have read this and I agree to share my health record with the study.",
    continue: "Continue",
  },
  choose: {
    title: "Choose your health system",
    step: "Step 2 of 3",
    heading: "Choose your health system",
    intro: "Find the hospital or clinic where you get care. You will sign in there and approve sharing.",
    unknown: "We could not find that health system. Please search again and choose one from the list.",
    unavailable: "We could not reach that health system just now. Please try again in a few minutes, or choose another one.",
    tooMany: "Too many tries in a short time. Please wait a few minutes and try again.",
    request: "Please type the name of your health system (at least 2 letters).",
    requested: "Thank you. We have passed the name on to the study team.",
    noMatch: "No health system matches “{query}”. Check the spelling, or try a city or ZIP code.",
    resultsLabel: "Health systems",
    resultsFor: "{count, plural, one {# health system} other {# health systems}} for “{query}”",
    studyList: "Health systems this study works with",
    connect: "Connect to {name}",
  },
  searchBox: {
    label: "Search by name, city or ZIP code",
    hint: "For example: St. Mary's, Madison, or 53703",
    search: "Search",
    suggestions:
      "{count, plural, =0 {No suggestions} one {1 suggestion. Use the arrow keys to choose it.} other {# suggestions. Use the arrow keys to choose one.}}",
  },
  requestForm: {
    summary: "Can't find your health system?",
    intro: "Tell us its name and we will ask the study team to add it. You can also try another spelling, a city or a ZIP code.",
    name: "Name of your health system, hospital or clinic",
    city: "City (optional)",
    send: "Send",
  },
  resultCard: {
    partOf: "Part of {parent}",
    portal: "Patient portal: {portal}",
    connect: "Connect to {name}",
    choosePortal: "This health system has more than one patient portal. Which one do you use?",
    connectVia: "Connect with {label}",
  },
  done: {
    title: "You are connected",
    step: "Step 3 of 3",
    thanksNamed: "Thank you, {name}. Your record is connected.",
    thanks: "Thank you. Your record is connected.",
    sharedNamed: "{healthSystem} shared the record of {name} with the study.",
    sharedUnnamed: "{healthSystem} approved sharing. We could not read your details yet; we will try again later.",
    nextTitle: "What happens next",
    next: "The study will keep a copy of your record up to date while your approval lasts. You do not need to do anything else. You can see your connection, or stop sharing, at any time on the “My connection” page.",
    goToMe: "Go to My connection",
  },
  me: {
    title: "My connection",
    signInFirst: "To see your connection, sign in through your health system again. If you have not joined yet, you can start now.",
    signIn: "Sign in through your health system",
    withdrawnNotice: "You have withdrawn. The study will not collect anything more from your health record.",
    status: "Status",
    healthSystem: "Health system",
    recordOf: "Record of",
    connectedSince: "Connected since",
    lastUpdated: "Last updated",
    sharingEnds: "Sharing ends",
    withdrawnOn: "Withdrawn on",
    needsReconnect: "Your health system stopped the study's access. Please reconnect to keep sharing.",
    rejoinExplained: "To take part again, you will first read the study consent and agree to it again.",
    takePartAgain: "Take part again",
    reconnect: "Reconnect",
    withdraw: "Withdraw",
    signOut: "Sign out",
  },
  status: {
    connected: "Connected",
    needs_reconnect: "Needs reconnecting",
    withdrawn: "Withdrawn",
    unknown: "Unknown",
  },
  withdraw: {
    title: "Withdraw from the study",
    explain: "If you withdraw, the study stops collecting your health record and asks your health system to end its access.",
    keeps: "The study keeps the copy of your record it already collected, as its consent explained.",
    deletes: "The copy of your record the study collected is deleted.",
    rejoin: "You can join again later if you wish.",
    errorConfirm: "Please tick the box to confirm that you want to withdraw.",
    reason: "Why are you leaving? (optional)",
    confirm: "Yes, I want to withdraw from the study.",
    submit: "Withdraw",
    keepSharing: "Keep sharing",
  },
  granted: {
    title: "What you shared",
    everything: "Your health record: your details, test results, conditions, allergies, medicines and vaccines that your health system shares",
    parts: "Parts of your health record: {types}",
    ongoing: "Ongoing updates, until you stop sharing or your approval ends",
    once: "A one-time copy only (no ongoing updates)",
    less: "Your health system allowed less than the study asked for.",
    noRefresh: "Your health system did not allow ongoing access, so the study can only collect your record this once.",
  },
  problem: {
    title: "We could not connect your record",
    readConsent: "Read the consent",
    tryAgain: "Try again",
    chooseAnother: "Choose another health system",
  },
  failures: {
    consent: {
      title: "Please read the consent again",
      message: "You left the study earlier. To take part again, please read the study consent and agree to it first. Nothing was saved.",
    },
    declined: {
      title: "You did not approve sharing",
      message: "Nothing was shared with the study. If you change your mind, you can connect again at any time.",
    },
    scope: {
      title: "Your health system did not accept the request",
      message: "Your health system did not allow the kind of access the study asks for. Nothing was shared. You can try again or choose another health system.",
    },
    expired: {
      title: "This sign-in has expired",
      message: "Connecting took too long, or this link was already used. Nothing was saved. Please start again.",
    },
    state: {
      title: "We could not confirm this sign-in",
      message: "For your safety we stopped, because we could not confirm that this sign-in was started by you on this device. Nothing was saved. Please start again.",
    },
    "ehr-unavailable": {
      title: "Your health system is not answering",
      message: "Your health system did not answer in time. Nothing was saved. Please try again in a few minutes.",
    },
    "ehr-invalid": {
      title: "Your health system sent something we could not use",
      message: "Nothing was saved. Please try again later, or choose another health system. The study team has been told.",
    },
    "ehr-refused": {
      title: "Your health system refused the connection",
      message: "Your health system did not accept the request from the study. Nothing was saved. Please start again.",
    },
    "no-patient": {
      title: "Your health system did not say whose record to share",
      message: "The sign-in worked, but your health system did not tell us which patient record to share, so nothing was saved. Please try again or choose another health system.",
    },
    busy: {
      title: "Many people are connecting right now",
      message: "We are busy. Nothing was saved. Please wait a minute, then press Try again.",
    },
    setup: {
      title: "This health system is not ready",
      message: "The study cannot connect to this health system right now. Nothing was saved. Please choose another health system or try again later.",
    },
  },
  error: {
    heading: "Something went wrong",
    body: "We could not show this page. Nothing you shared has been lost. Please try again in a moment.",
    tryAgain: "Try again",
    home: "Go to the start page",
  },
  notFound: {
    heading: "Page not found",
    body: "We could not find that page. It may have moved, or the link may be wrong.",
    home: "Go to the start page",
  },
};

/** The catalogues' shape: every catalogue has exactly these keys, each a message string. */
export type Messages = typeof en;
