// The comment form, shared by every page that takes comments (meetings, minutes, initiatives).
import { z } from 'zod';
import { requiredText } from '../web/form';

export const CommentSchema = z.object({ body: requiredText('Skriv en kommentar', 5000) });
