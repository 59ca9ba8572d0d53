import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PermitCardHandler, type PermitCardData } from '@frontera/permits-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems } from '@frontera/platform-http';
import { PERMITS_PROBLEMS, RolesFor } from '../http/api-docs.decorators';
import { IdParams } from '../http/dto/common.dto';
import { UNNAMED_EMPLOYER } from '../verification/employer-label';
import { PermitCardRenderer } from './permit-card.renderer';
import type { PermitCardView } from './permit-card.view';

/**
 * `GET /permits/{id}/card.pdf`: the printable card (ID-1 PDF with the QR code of the public
 * verification). The card holds personal data (the worker's name and photo reference) and the
 * verification token: a response body only, never logged, never cached.
 */
@ApiTags('permits')
@Controller('permits')
export class PermitCardController {
  constructor(
    private readonly cards: PermitCardHandler,
    private readonly renderer: PermitCardRenderer,
  ) {}

  @Get(':id/card.pdf')
  @RolesFor('PRINT_CARD')
  @ApiOperation({
    summary: 'The printable permit card (PDF)',
    description:
      'Its employer; officers of its state. One ID-1 page (85.60 × 53.98 mm): the worker’s name and photo ' +
      'reference, the permit number, the employer, the worksite’s state, the validity, the status and a QR code ' +
      'that opens the public verification (`PUBLIC_BASE_URL/verify/{token}`). Holds personal data: not cached.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The card, a one-page PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': {
        description: '`inline; filename="<permit number>.pdf"`',
        schema: { type: 'string', example: 'inline; filename="TVTF-CHP-26-K7Q9-M2XW-C.pdf"' },
      },
      'Cache-Control': {
        description: '`private, no-store`: the card holds personal data',
        schema: { type: 'string', example: 'private, no-store' },
      },
    },
  })
  @ApiProblems(PERMITS_PROBLEMS, 403, 404)
  async card(@Param() { id }: IdParams, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const data = await this.cards.execute(id, callerOf(principal));
    const pdf = await this.renderer.render(toCardView(data));
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${data.permitNumber}.pdf"`,
      length: pdf.length,
    });
  }
}

/** The card is printed in Spanish first (the renderer's labels): the generic employer label too. */
export function toCardView(data: PermitCardData): PermitCardView {
  const employerName =
    data.employerPublicName ??
    (data.employerRegistrationNumber === null
      ? UNNAMED_EMPLOYER.es
      : `${UNNAMED_EMPLOYER.es} ${data.employerRegistrationNumber}`);
  return {
    workerFullName: data.workerFullName,
    photoReference: data.photoReference ?? '',
    permitNumber: data.permitNumber,
    employerName,
    worksiteStateCode: data.state,
    worksiteStateName: data.stateName,
    validFrom: data.validFrom,
    validUntil: data.lastValidDay,
    status: data.status,
    verificationToken: data.verificationToken,
  };
}
