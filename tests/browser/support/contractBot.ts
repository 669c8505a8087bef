import { ActivityHandler } from 'botbuilder';
import type { Reply } from '../../../core/conversation/reply';
import { renderReply } from '../../../bot/render';

/**
 * A scripted bot that answers in the reply contract the real dialogs follow (rendered by bot/render.ts):
 * topic answers carry channelData.topic and suggested actions; a red flag gets channelData.escalation
 * and an escalation Adaptive Card with the clinic's phone. It lets the browser suites test the web
 * chat itself, whatever state the conversation logic is in.
 */
export class ContractBot extends ActivityHandler {
  constructor(clinic: { name: string; phone: string }) {
    super();
    const send = (reply: Reply) => renderReply(reply, 'webchat');
    this.onMembersAdded(async (context, next) => {
      await context.sendActivity(
        send({
          text: `Hi, I'm the ${clinic.name} feeding assistant. Ask me about leaking milk or anything coming from your nipples.`,
          choices: [{ label: 'Why do I leak?' }],
        }),
      );
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = (context.activity.text ?? '').toLowerCase();
      if (/blood/.test(text)) {
        await context.sendActivity(
          send({
            text: `Blood from the nipple needs a check today. Please call ${clinic.name}.`,
            escalation: { level: 'urgent', reasons: ['bloody-discharge'] },
            card: {
              kind: 'escalation',
              level: 'urgent',
              headline: `Call ${clinic.name} today`,
              why: ['You said there is blood coming from your nipple.'],
              contact: { name: clinic.name, phone: clinic.phone },
              emergencyNumber: '911',
            },
          }),
        );
      } else if (/how long/.test(text)) {
        await context.sendActivity(
          send({ text: 'Leaking usually settles over the first weeks as your supply matches your baby.', topic: 'leaking-duration', choices: [{ label: 'Why do I leak?' }] }),
        );
      } else if (/leak/.test(text)) {
        await context.sendActivity(
          send({
            text: "Leaking when your baby cries is your **let-down reflex**: your body is getting ready to feed. It's very common.",
            topic: 'leaking-let-down',
            choices: [{ label: 'How long does leaking last?' }, { label: 'Tips for breast pads', value: 'breast pads' }],
          }),
        );
      } else {
        await context.sendActivity(send({ text: 'Could you tell me a little more?', choices: [{ label: 'Why do I leak?' }] }));
      }
      await next();
    });
  }
}
