// The HTML writer: views/documents/document.ejs renders a DocumentModel; pages include that
// partial, and this function gives the same HTML as a string (for the print page and tests).
import type { DocumentModel } from './model';
import { renderFragment } from '../web/views';

export function documentHtml(doc: DocumentModel, headingOffset = 0): Promise<string> {
  return renderFragment('documents/document', { doc, headingOffset, figures: {} });
}
