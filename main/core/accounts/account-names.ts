import { invalidInput } from '../../../shared/errors.js';
import { deceptiveNameProblem } from '../../../shared/name-characters.js';

/**
 * Refuses an issuer or account name that could show something other than what it holds (shared/name-characters.ts).
 * Every way an account comes in passes here: the link and export parsers (so a QR code or a pasted link is refused
 * before anything else happens), the manual form, rename, and AccountsService's one write of new accounts, which any
 * importer goes through too.
 */
export function checkAccountNames(names: { issuer: string; name: string }): void {
  const issuerProblem = deceptiveNameProblem('issuer', names.issuer);
  if (issuerProblem !== null) throw invalidInput('issuer', issuerProblem);
  const nameProblem = deceptiveNameProblem('account name', names.name);
  if (nameProblem !== null) throw invalidInput('name', nameProblem);
}
