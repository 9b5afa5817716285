import "server-only";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { redeemSignInLink, type LinkRefusal } from "../data/sign-in-links";

/** The participants' second way in, on the same next-auth instance as the SMART providers. */
export const EMAIL_LINK_PROVIDER = "email-link";

/** A refused link; `code` says why ("invalid", "expired" or "used"), so the page can say it plainly. */
class LinkRefused extends CredentialsSignin {
  constructor(code: LinkRefusal) {
    super();
    this.code = code;
  }
}

/**
 * Sign-in by an emailed one-time link (lib/data/sign-in-links.ts): the link's page posts its token
 * here; a good token is used up at once and names the participant. Equivalent to next-auth's
 * email provider, without an adapter: the session is the portal's own server-side row.
 */
export const emailLinkProvider = () =>
  Credentials({
    id: EMAIL_LINK_PROVIDER,
    name: "Emailed link",
    credentials: { token: {} },
    async authorize(credentials) {
      const used = await redeemSignInLink(credentials.token);
      if (!used.ok) throw new LinkRefused(used.reason);
      return { id: used.participantId };
    },
  });
