// Most Significant Change, for other features (the status report).
export { chosenStories, type ChosenStory } from './queries';
