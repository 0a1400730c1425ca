import { maskedValue, maskJsonLikeText, maskPersonalData, maskText } from '../../../workers/dlq/mask';
import { aClaimSubmitted } from '../../support/builders';

const IC = '900115001232';

describe('masking personal data in dead letters (workers/dlq/mask.ts)', () => {
  it('when a claim is decoded, then every value under the claimant is masked and ids are kept', () => {
    const claim = aClaimSubmitted();
    const masked = maskPersonalData(JSON.parse(JSON.stringify(claim))) as typeof claim;
    expect(masked.claimId).toBe(claim.claimId);
    expect(masked.insuredPersonId).toBe(claim.insuredPersonId);
    expect(masked.claimant.name).toBe('***');
    expect(masked.claimant.identity).toEqual({ type: '***', icNumber: '***' });
    expect(masked.claimant.bankAccount?.accountNumber).toBe('***');
    expect(masked.claimant.contact?.address.lines).toEqual(['***']);
    expect(JSON.stringify(masked)).not.toContain(IC);
  });

  it('when personal fields are empty or null, then they are kept (often why a message was refused)', () => {
    expect(maskPersonalData({ name: '', phone: null, amountSen: 500 })).toEqual({
      name: '',
      phone: null,
      amountSen: 500,
    });
  });

  it('when an IC number or a phone number is in free text, then it is masked, dashed or not; other numbers stay', () => {
    expect(maskText(`IC ${IC}, 900115-00-1232, tel +60123456789, claim C-2026-000123, IP-0000012345`)).toBe(
      'IC ***, ***, tel ***, claim C-2026-000123, IP-0000012345'
    );
    // Twelve digits that do not start with a date are not an IC.
    expect(maskText('ref 991399001232')).toBe('ref 991399001232');
  });

  it('when a DLQ reason echoes malformed input (V8 JSON.parse), then the echoed text is masked', () => {
    let reason = '';
    try {
      JSON.parse('Aminah binti Test, 900115001232');
    } catch (err) {
      reason = `malformed JSON: ${(err as Error).message}`;
    }
    expect(reason).toContain('Aminah');
    expect(maskText(reason)).toBe(`malformed JSON: Unexpected token 'A', "***" is not valid JSON`);
  });

  it('when a message is truncated JSON, then values under personal fields are masked token by token', () => {
    const text = `{"claimId":"C-2026-000123","claimant":{"name":"Aminah binti Test","identity":{"icNumber":"${IC}"},"contact":{"address":{"lines":["No. 1`;
    expect(maskJsonLikeText(text)).toBe(
      '{"claimId":"C-2026-000123","claimant":{"name":"***","identity":{"icNumber":"***"},"contact":{"address":{"lines":["***"'
    );
    expect(maskJsonLikeText('{"name": Aminah binti Test, "x": 1}')).toBe('{"name": *** *** ***, "x": 1}');
  });

  it('when the value is not UTF-8, then only its size is shown', () => {
    expect(maskedValue(Buffer.from([0xff, 0xfe, 0x00]))).toEqual({ kind: 'binary', bytes: 3 });
    expect(maskedValue(null)).toEqual({ kind: 'empty' });
    expect(maskedValue(Buffer.from(`{"ic":"${IC}"}`))).toEqual({ kind: 'json', value: { ic: '***' } });
  });
});
