import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ProjectPermitVerificationHandler } from '@frontera/permits-application';
import { MODELS } from '../persistence/persistence.module';
import type { PermitDocument } from '../persistence/permits.schemas';
import type { PermitVerificationDocument } from './verification.schemas';

/**
 * Rebuilds the verification read model at boot when it is empty and permits exist (the first start
 * after it was introduced, or after `permit_verifications` was dropped): in the background, so the
 * service starts at once; the consumers keep it current from then on (decision 0036). Two instances
 * rebuilding at once write the same entries (each under the permit's lock).
 */
@Injectable()
export class VerificationBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('VerificationBackfill');
  private running: Promise<void> = Promise.resolve();

  constructor(
    @InjectModel(MODELS.verification) private readonly verifications: Model<PermitVerificationDocument>,
    @InjectModel(MODELS.permit) private readonly permits: Model<PermitDocument>,
    private readonly projector: ProjectPermitVerificationHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [entry, permit] = await Promise.all([
      this.verifications.collection.findOne({}, { projection: { _id: 1 } }),
      this.permits.collection.findOne({}, { projection: { _id: 1 } }),
    ]);
    if (entry !== null || permit === null) return;
    this.logger.log('the verification read model is empty: rebuilding it from the permits');
    this.running = this.projector.rebuild().then(
      ({ written, missing }) =>
        this.logger.log(`verification read model rebuilt: ${written} entries, ${missing} skipped`),
      (error: unknown) =>
        this.logger.error(
          `verification read model rebuild failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }

  /** The rebuild started at boot, if any (tests, shutdown). */
  finished(): Promise<void> {
    return this.running;
  }
}
