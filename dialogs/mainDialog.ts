import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';

export const MAIN_DIALOG = 'mainDialog';

/** Placeholder until the knowledge base and language understanding land. */
export class MainDialog extends ComponentDialog {
  constructor() {
    super(MAIN_DIALOG);
    this.addDialog(
      new WaterfallDialog('main', [
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity('I am still learning. Please ask me again soon.');
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'main';
  }
}
