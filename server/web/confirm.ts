// Deleting asks first, on a page of its own, so it works without JavaScript: GET …/delete shows
// what will be deleted and what follows, and its form POSTs to the same address, which deletes.
import type { Request, Response } from 'express';

export interface DeleteConfirmation {
  /** The whole question, e.g. 'Vil du slette dilemmaet "Tid eller penge"?' */
  question: string;
  /** What will happen, a sentence each. */
  consequences: string[];
  /** Where "Fortryd" leads: the page the delete was asked from. */
  back: string;
  /** "Fjern" where something is taken off a list but still exists elsewhere. */
  button?: 'Slet' | 'Fjern';
  /** Fields the delete also needs (e.g. where to return to afterwards). */
  hidden?: Record<string, string>;
}

export function renderDeleteConfirmation(req: Request, res: Response, confirmation: DeleteConfirmation): void {
  res.render('shared/confirm-delete', {
    button: 'Slet',
    hidden: {},
    ...confirmation,
    action: req.baseUrl + req.path, // the POST of the same address
  });
}
