export const POST = async (req: Request) => { // expect: unthrottled-sensitive-endpoint
  return Response.json(await createCharge(await req.json()));
};
