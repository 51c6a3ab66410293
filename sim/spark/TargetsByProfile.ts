import { DEFAULT_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";

/**
 * `numExecutorsTargetPerResourceProfileId`: each profile's executor target, with the default
 * profile's also in a field. The timeline reads the target every instant, and a Map lookup for
 * it was most of the hashing left in a run (about 40 instructions per task, cachegrind).
 */
export class TargetsByProfile extends Map<number, number> {
  /** The default profile's target; 0 while it has none. */
  defaultTarget = 0;

  /** Empty: entries given to Map's constructor would be set before `defaultTarget` is initialised. */
  constructor() {
    super();
  }

  override set(resourceProfileId: number, target: number): this {
    if (resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID) this.defaultTarget = target;
    return super.set(resourceProfileId, target);
  }

  override delete(resourceProfileId: number): boolean {
    if (resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID) this.defaultTarget = 0;
    return super.delete(resourceProfileId);
  }

  override clear(): void {
    this.defaultTarget = 0;
    super.clear();
  }
}
