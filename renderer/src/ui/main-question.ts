/**
 * Shown while main asks the person itself before a secret leaves it (a plain export, a setup key): a system dialog in
 * the app, the terminal in the browser harness. One sentence, so both places say where to look.
 */
export const WAITING_FOR_MAIN_QUESTION = 'Waiting for your confirmation: the app asks you itself (the browser harness, in its terminal).';
