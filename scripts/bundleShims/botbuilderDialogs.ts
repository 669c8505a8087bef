/**
 * What the bot takes from botbuilder-dialogs, from the package's own files: the bundle's stand-in for
 * the package index (scripts/bundle.ts). The index also loads every prompt, and with them Microsoft's
 * text recognizers (numbers, choices, dates and times in a dozen languages), which compile thousands of
 * patterns while the server starts; the bot uses none of them. A name the bot imports that is missing
 * here fails the build ("No matching export"), never a running server: add it from its file below.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogReason, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
