import { stripSimulatorDirectives } from "./simulator-directives";
import { messageText, type SimulatorRequest } from "./simulator-request";

const stopWords = new Set(
  "the a an and or but of to in on for with about from into how what why when where which who is are was were be can could should would will do does did please me my you your it this that these those i we our us tell explain write give show make let using use".split(
    " ",
  ),
);

/** What the last user message is about, as the simulator writes about it. */
export interface Topic {
  text: string;
  keywords: string[];
  chinese: boolean;
}

/** Reads the topic from the last user message (its `[[sim]]` tag removed). */
export function readTopic(request: SimulatorRequest): Topic {
  let text = "";
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index]!;
    if (message.role === "user") {
      text = stripSimulatorDirectives(messageText(message.content));
      break;
    }
  }
  const chinese = /\p{Script=Han}/u.test(text);
  const firstLine = text.split(/\n/).find((line) => line.trim() !== "") ?? "";
  const clipped = firstLine.length > 80 ? `${firstLine.slice(0, 77).trimEnd()}…` : firstLine;
  const words = (text.toLowerCase().match(/[\p{L}\p{N}_-]{3,}/gu) ?? []).filter((word) => !stopWords.has(word));
  const keywords = [...new Set(words)].slice(0, 4);
  return { text: clipped || (chinese ? "这个问题" : "your question"), keywords: keywords.length > 0 ? keywords : ["the question"], chinese };
}
