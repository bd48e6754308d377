import 'server-only';
import { prisma, Prisma } from '../db/client';
import { keyStatus, type EndpointDto } from './endpoint-dto';
import type { EndpointInput } from './schemas';

export class EndpointExistsError extends Error {}

const select = {
  id: true,
  name: true,
  baseUrl: true,
  model: true,
  apiKeyEnv: true,
  maxConcurrency: true,
  rpm: true,
  tpm: true,
  priceInPerM: true,
  priceOutPerM: true,
  supportsN: true,
  createdAt: true,
} as const;

function toDto(e: Prisma.EndpointGetPayload<{ select: typeof select }>): EndpointDto {
  return { ...e, keyStatus: keyStatus(e.apiKeyEnv), createdAt: e.createdAt.toISOString() };
}

export async function listEndpoints(): Promise<EndpointDto[]> {
  return (await prisma.endpoint.findMany({ select, orderBy: { name: 'asc' } })).map(toDto);
}

export async function getEndpointByName(name: string): Promise<EndpointDto | null> {
  const e = await prisma.endpoint.findUnique({ where: { name }, select });
  return e && toDto(e);
}

export async function createEndpoint(input: EndpointInput, actorId?: string): Promise<EndpointDto> {
  try {
    const e = await prisma.endpoint.create({ data: { ...input, apiKeyEnv: input.apiKeyEnv ?? null }, select });
    await prisma.auditLog.create({ data: { actorId: actorId ?? null, action: 'endpoint.create', after: { name: e.name, baseUrl: e.baseUrl, model: e.model } } });
    return toDto(e);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new EndpointExistsError(`An endpoint named "${input.name}" already exists.`);
    throw err;
  }
}

export async function deleteEndpoint(id: number, actorId?: string) {
  const e = await prisma.endpoint.delete({ where: { id }, select: { name: true } });
  await prisma.auditLog.create({ data: { actorId: actorId ?? null, action: 'endpoint.delete', before: { name: e.name } } });
}

export async function recordSupportsN(id: number, supportsN: boolean) {
  await prisma.endpoint.update({ where: { id }, data: { supportsN } });
}
