/** An expected failure of a run operation (unknown run, wrong state …): its message is for the user. */
export class RunError extends Error {}
