/** One HTTP request for the load generators (the sandbox's and the record benchmark's plain pull). */
import { Agent, request } from "node:http";

/** node:http with keep-alive: lighter than fetch, so the load generator takes less CPU from the sandbox. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
