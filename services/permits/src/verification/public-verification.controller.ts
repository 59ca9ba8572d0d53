import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { PublicVerificationHandler, type PublicVerification } from '@frontera/permits-application';
import { Public } from '@frontera/platform-auth';
import { negotiateLanguage } from '@frontera/platform-errors';
import { ApiProblems, problemContent, RateLimited } from '@frontera/platform-http';
import type { Language } from '@frontera/shared-kernel';
import { employerNameFor } from './employer-label';
import { VerificationTokenParams, VerificationNumberQuery } from './verification.request';
import { PublicVerificationResponse } from './verification.response';

/** The rate-limit rule of both routes (RateLimitModule in VerificationModule; VERIFY_RATE_PER_MINUTE). */
export const PUBLIC_VERIFICATION_RULE = 'public-verification';

/** Headers of every answer the handler gives, found or not: never cached, language-dependent. */
const ANSWER_HEADERS = {
  'Cache-Control': {
    description: '`no-store`: the answer is the status now (a card may be suspended tomorrow)',
    schema: { type: 'string', example: 'no-store' },
  },
  'Content-Language': { description: '`es` or `en`', schema: { type: 'string', example: 'es' } },
  Vary: { description: '`Accept-Language`', schema: { type: 'string', example: 'Accept-Language' } },
} as const;

const NO_MATCH = {
  status: 404,
  description:
    'PERMIT.VERIFICATION_NO_MATCH: no permit matches — an unknown token or number, a number with a wrong check ' +
    'character, or a year of birth that is not the worker’s. Always this same answer, in shape and in time, ' +
    'so permits cannot be enumerated',
  content: problemContent(),
  headers: ANSWER_HEADERS,
} as const;

const UNAVAILABLE = {
  503: 'SERVICE.UNAVAILABLE: the rate limiter (Redis) or the register cannot be read now; try again shortly',
};

/**
 * Public verification of a permit, without login (docs/domain/permits.md, "Public verification"):
 * by the QR code's token or by the permit number with the worker's year of birth. The answer is
 * valid or not, status, last valid day, the employer's public name and the worker's initials —
 * nothing else; every miss is one 404 (PublicVerificationHandler does the same work on every path).
 * Rate-limited per client (429 with Retry-After).
 */
@ApiTags('public verification')
@Public()
@Controller('verify')
export class PublicVerificationController {
  constructor(private readonly verification: PublicVerificationHandler) {}

  @Get()
  @RateLimited(PUBLIC_VERIFICATION_RULE)
  @ApiOperation({
    summary: 'Verify a permit by its number and the worker’s year of birth (public)',
    description:
      'No login. `number` as printed on the card (case, spaces and dashes do not matter); `birthYear` the ' +
      'worker’s year of birth. A number that is not a permit’s, a wrong check character and a wrong year are ' +
      'all the same 404.',
  })
  @ApiOkResponse({ type: PublicVerificationResponse, headers: ANSWER_HEADERS })
  @ApiResponse(NO_MATCH)
  @ApiProblems(UNAVAILABLE)
  async byNumber(
    @Query() query: VerificationNumberQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<PublicVerificationResponse> {
    const language = answerHeaders(res, acceptLanguage);
    const answer = await this.verification.byNumber({
      number: query.number,
      birthYear: Number(query.birthYear),
    });
    return toResponse(answer, language);
  }

  @Get(':token')
  @RateLimited(PUBLIC_VERIFICATION_RULE)
  @ApiOperation({
    summary: 'Verify a permit by the token of its QR code (public)',
    description:
      'No login: what the card’s QR code opens (`PUBLIC_BASE_URL/verify/{token}`). An unknown token is the same ' +
      '404 as an unknown number.',
  })
  @ApiOkResponse({ type: PublicVerificationResponse, headers: ANSWER_HEADERS })
  @ApiResponse(NO_MATCH)
  @ApiProblems(UNAVAILABLE)
  async byToken(
    @Param() { token }: VerificationTokenParams,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<PublicVerificationResponse> {
    const language = answerHeaders(res, acceptLanguage);
    return toResponse(await this.verification.byToken({ token }), language);
  }
}

/** Set before the handler runs, so the 404 of a miss carries them too. */
function answerHeaders(res: ServerResponse, acceptLanguage: string | undefined): Language {
  const language = negotiateLanguage(acceptLanguage);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Language', language);
  res.setHeader('Vary', 'Accept-Language');
  return language;
}

function toResponse(answer: PublicVerification, language: Language): PublicVerificationResponse {
  return {
    valid: answer.valid,
    status: answer.status,
    lastValidDay: answer.lastValidDay,
    employerName: employerNameFor(answer.employerPublicName, language),
    workerInitials: answer.workerInitials,
  };
}
